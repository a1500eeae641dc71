"""Commands, exit codes and the printing of problems: the only module that prints or exits."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from . import search
from .assets import precompressed
from .cache import BuildCache
from .contentfiles import SourceLines, source_excerpt
from .errors import BuildFailed, Problem
from .fields import FIRST_YEAR, LAST_YEAR
from .plan import describe
from .scaffold import KINDS, ScaffoldError, create
from .site import BuildOptions, build, plan_site
from .writer import Published, UnsafeOutput, check_output_folder, write_site

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C
REPO_ROOT = Path(__file__).resolve().parent.parent


def london_today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def _date_arg(value: str) -> dt.date:
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{value}" is not a date like 2026-10-10') from None
    if not FIRST_YEAR <= date.year <= LAST_YEAR:  # the same years a date in the content may have
        raise argparse.ArgumentTypeError(f'"{value}" is not between {FIRST_YEAR} and {LAST_YEAR}')
    return date


def _options(defaults: bool) -> argparse.ArgumentParser:
    """The shared options. Sub-commands get them without defaults, so `--root X build` keeps X."""
    common = argparse.ArgumentParser(add_help=False, argument_default=None if defaults else argparse.SUPPRESS)
    common.add_argument("--root", type=Path, help="the content folder: site.yaml, listings, content/ "
                        "(default: this repository)")
    common.add_argument("--out", type=Path, help="where to write the site (default: ROOT/site)")
    common.add_argument("--today", type=_date_arg,
                        help="the date every listing is judged against, YYYY-MM-DD (default: today in London)")
    common.add_argument("--strict", action="store_true", help="treat warnings as errors")
    common.add_argument("--clean", action="store_true",
                        help="ignore the build cache (ROOT/.cache) and build everything from scratch")
    if defaults:
        common.set_defaults(root=REPO_ROOT, strict=False, clean=False)
    return common


def port_number(text: str) -> int:
    # 0 asks the system for any free port (the address printed says which)
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port: give a whole number from 0 to 65535, such as 8001")
    return int(text)


def parser() -> argparse.ArgumentParser:
    common = _options(defaults=False)
    main = argparse.ArgumentParser(
        prog="build.py", parents=[_options(defaults=True)],
        description="Build a Stop Hate website from Markdown pages and YAML listings.",
        epilog="Exit codes: 0 built, 1 the content has problems (nothing was published), 2 the command was wrong.",
    )
    commands = main.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("build", parents=[common], help="check the content and write the site (the default)")
    commands.add_parser("check", parents=[common], help="check the content without writing anything")
    commands.add_parser("plan", parents=[common],
                        help="list every address the site will have, what makes it and where it comes from")
    serve = commands.add_parser("serve", parents=[common],
                                help="preview the site with drafts at http://127.0.0.1:8000/, reloading on every save")
    serve.add_argument("--port", type=port_number, default=8000,
                       help="the port to serve on (default: 8000; when it is busy, the next free one)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to serve on (default: 127.0.0.1, this computer only)")
    new = commands.add_parser("new", parents=[common], help='start a new post, page or event: new post "Title"; '
                              "or a translation of a page: new translation report pa")
    new.add_argument("kind", choices=KINDS, help="what to start")
    new.add_argument("title", help="its title, in quotes (for a translation: the page's file name)")
    new.add_argument("lang", nargs="?", default="", help="a translation's language code: pa, ur, pl, ro")
    return main


# Control characters from content (an escape sequence could recolour or rewrite the terminal, a newline in a file
# name would split the report) and the invisible marks that reverse text direction are shown as escapes instead.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def format_problem(problem: Problem, root: Path, read: SourceLines | None = None) -> str:
    """`path:line:column: field.path: message`, then the line itself with a caret, then the hint.

    Editors and terminals turn the first part into a link; the caret shows which value is meant.
    """
    pos = problem.position
    field = f" {problem.field}:" if problem.field else ""
    severity = "warning: " if problem.severity == "warning" else ""
    lines = [printable(f"{pos}:{field} {severity}{problem.message}"), *source_excerpt(root, pos, printable, read)]
    if problem.hint:
        lines.append(printable(f"  hint: {problem.hint}"))
    return "\n".join(lines)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' * (number != 1)}"


def print_problems(problems: list[Problem], root: Path, failed: bool, command: str = "build") -> None:
    """Every problem, sorted by file and line, then one line counting them."""
    read: SourceLines = {}
    for problem in problems:
        print(format_problem(problem, root, read), file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.position.path for p in problems})
    if failed:
        print(f"Found {_count(errors, 'problem')}"
              + (f" and {_count(warnings, 'warning')}" if warnings else "")
              + f" in {_count(files, 'file')}. Nothing was published.", file=sys.stderr)
    elif warnings:
        outcome = "the site was still built" if command == "build" else "the content can still be built"
        print(f"Found {_count(warnings, 'warning')} in {_count(files, 'file')} ({outcome}; "
              "--strict treats warnings as problems).", file=sys.stderr)


def serve_command(root: Path, options: BuildOptions, host: str, port: int) -> int:
    from .serve import serve  # the server loads only for the preview

    def report(problems: list[Problem], seconds: float) -> None:
        failed = any(p.severity == "error" for p in problems)
        print_problems(problems, root, failed=failed)
        if failed:
            print("The preview shows these problems until they are fixed.", file=sys.stderr, flush=True)
        else:
            print(f"Preview rebuilt in {seconds * 1000:.0f} ms.", flush=True)

    def announce(text: str) -> None:
        print(text, flush=True)

    try:
        serve(root, options, host, port, report, announce)
    except UnsafeOutput as error:
        print(f"build.py: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"build.py: error: cannot serve on {host}:{port}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def new_command(root: Path, kind: str, title: str, today: dt.date, lang: str = "") -> int:
    try:
        created = create(root, kind, title, today, lang)
    except ScaffoldError as error:
        print(f"build.py: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    where = created.path.relative_to(root) if created.path.is_relative_to(root) else created.path
    action = "Added the event" if created.appended else "Created"
    then = "Translate the text under the same headings" if kind == "translation" else "Fill in the summary"
    print(f"{action} {created.slug} in {where}. {then}, then preview with: python build.py serve")
    return EXIT_OK


def plan_command(root: Path, options: BuildOptions) -> int:
    """Every URL with what makes it: for comms staff asking where a page comes from."""
    try:
        planned = plan_site(root, options)
    except BuildFailed as failure:
        print_problems(failure.problems, root, failed=True, command="check")
        return EXIT_PROBLEMS
    print(describe(planned.plan), end="")
    return EXIT_OK


def publish(files: dict[str, bytes], out: Path, cache: BuildCache | None) -> int:
    """Write the site (with its compressed copies), then save the build cache; the exit code, said in words."""
    try:
        write_site(precompressed(files, previous=out), out, search.index_site)
    except Published:
        print(f"Stopped just after the new site was published to {out}; only tidying up was cut short "
              "(the next build finishes it).", file=sys.stderr)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        print(f"Stopped while writing. {out} was not changed.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (UnsafeOutput, search.IndexFailed) as error:
        print(f"build.py: error: {error}. {out} was not changed.", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as error:  # disk full, no permission: the old site is still in place
        reason = error.strerror or "the system refused to write"
        print(f"build.py: error: could not write the site ({reason}). {out} was not changed.", file=sys.stderr)
        return EXIT_PROBLEMS
    if cache is not None:
        # the site is written; a cache that cannot be saved (a full disk) only makes the next build slower
        try:
            cache.save()
        except OSError:
            pass
        except KeyboardInterrupt:
            print(f"Stopped while saving the build cache: the new site is published in {out}; the next build "
                  "renders again what the cache did not keep.", file=sys.stderr)
            return EXIT_INTERRUPTED
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = args.command or "build"
    root = args.root.resolve()
    if not root.is_dir():
        what = "is a file, not a folder" if root.exists() else "does not exist"
        print(f"build.py: error: the content folder {printable(str(root))} {what}", file=sys.stderr)
        return EXIT_USAGE
    out = (args.out or root / "site").resolve()
    options = BuildOptions(today=args.today or london_today(), strict=args.strict)
    if command == "serve":
        return serve_command(root, options, args.host, args.port)
    if command == "new":
        return new_command(root, args.kind, args.title, options.today, args.lang)
    if command == "plan":
        return plan_command(root, options)
    started = time.perf_counter()
    if command == "build":
        try:
            check_output_folder(out, root)
        except UnsafeOutput as error:
            print(f"build.py: error: refusing to write there: {error}", file=sys.stderr)
            return EXIT_USAGE
    cache = None if args.clean else BuildCache.load(root / ".cache" / "build")
    try:
        result = build(root, options, cache)
    except BuildFailed as failure:
        print_problems(failure.problems, root, failed=True, command=command)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("Stopped before anything was written. The site folder was not changed.", file=sys.stderr)
        return EXIT_INTERRUPTED
    print_problems(result.problems.sorted(), root, failed=False, command=command)
    if command == "check":
        print(f"Checked {result.pages} pages: no errors. Nothing was written.")
        return EXIT_OK
    writing = time.perf_counter()
    code = publish(result.files, out, cache)
    if code != EXIT_OK:
        return code
    seconds = time.perf_counter() - started
    stages = {**result.seconds, "compress and write": time.perf_counter() - writing}
    print(f"Built {result.pages} pages ({len(result.files)} files) in {seconds:.2f} s into {out} ("
          + ", ".join(f"{name} {took:.2f} s" for name, took in stages.items()) + ")")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
