from studyprint.cli import main

main()
