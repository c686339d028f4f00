"""The TUI's screens, one module each; they read results from the app and post nothing else."""
