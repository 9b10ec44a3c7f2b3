"""The ``luoshi`` subcommands that need Django (serve, worker, import, remind, backup, restore,
export-all), registered into the library's CLI through the ``luoshi.commands`` entry points of
pyproject.toml, so the extraction library never imports the web application."""
