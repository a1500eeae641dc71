#!/usr/bin/env python3
"""Build the site: python build.py [build|check|serve|new] [--root DIR] [--out DIR] [--today YYYY-MM-DD]."""

import sys

from stophate.cli import main

if __name__ == "__main__":
    sys.exit(main())
