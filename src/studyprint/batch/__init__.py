"""Work for whole classes: jobs on any executor, packets, ``build`` and bundling."""
