"""The formula suite run inside Pyodide under Node: wheels, lock file, runner."""
