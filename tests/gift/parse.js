// Reads a GIFT file with gift-pegjs and prints what it understood, as JSON.
const { parse } = require("gift-pegjs");
const fs = require("fs");
process.stdout.write(JSON.stringify(parse(fs.readFileSync(process.argv[2], "utf8"))));
