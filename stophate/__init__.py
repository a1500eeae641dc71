"""The Stop Hate site builder: Markdown and YAML in, an accessible static website out."""
