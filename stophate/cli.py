"""Commands, exit codes and the printing of problems: the only module that prints or exits."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

# Only what a build that finds nothing to do needs is loaded here: each command loads the rest when it runs
from . import uptodate
from .choices import FIRST_YEAR, KINDS, LAST_YEAR, BuildOptions

if TYPE_CHECKING:
    from .cache import BuildCache
    from .contentfiles import SourceLines
    from .errors import Problem
    from .site import Output

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
    from .contentfiles import source_excerpt

    pos = problem.position
    field = f" {problem.field}:" if problem.field else ""
    severity = "warning: " if problem.severity == "warning" else ""
    lines = [printable(f"{pos}:{field} {severity}{problem.message}"), *source_excerpt(root, pos, printable, read)]
    if problem.hint:
        lines.append(printable(f"  hint: {problem.hint}"))
    return "\n".join(lines)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' * (number != 1)}"


def problems_report(problems: list[Problem], root: Path, failed: bool, command: str = "build") -> str:
    """Every problem, sorted by file and line, then one line counting them ("" when there are none)."""
    read: SourceLines = {}
    lines = [format_problem(problem, root, read) for problem in problems]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.position.path for p in problems})
    if failed:
        lines.append(f"Found {_count(errors, 'problem')}"
                     + (f" and {_count(warnings, 'warning')}" if warnings else "")
                     + f" in {_count(files, 'file')}. Nothing was published.")
    elif warnings:
        outcome = "the site was still built" if command == "build" else "the content can still be built"
        lines.append(f"Found {_count(warnings, 'warning')} in {_count(files, 'file')} ({outcome}; "
                     "--strict treats warnings as problems).")
    return "\n".join(lines)


def print_report(report: str) -> None:
    if report:
        print(report, file=sys.stderr)


def print_problems(problems: list[Problem], root: Path, failed: bool, command: str = "build") -> None:
    print_report(problems_report(problems, root, failed, command))


def serve_command(root: Path, options: BuildOptions, host: str, port: int) -> int:
    from .serve import serve  # the server loads only for the preview
    from .writer import UnsafeOutput

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
    from .scaffold import ScaffoldError, create

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
    from .errors import BuildFailed
    from .plan import describe
    from .site import plan_site

    try:
        planned = plan_site(root, options)
    except BuildFailed as failure:
        print_problems(failure.problems, root, failed=True, command="check")
        return EXIT_PROBLEMS
    print(describe(planned.plan), end="")
    return EXIT_OK


def publish(files: dict[str, bytes], out: Path, cache: BuildCache | None, written: list[str]) -> int:
    """Write the site (with its compressed copies), then save the build cache; the exit code, said in words.
    `written` is given the digest of the folder written (uptodate.published), taken just before it is swapped in."""
    from . import search
    from .assets import precompressed
    from .writer import Published, UnsafeOutput, write_site

    def finish(folder: Path) -> None:
        search.index_site(folder)
        written.append(uptodate.published(folder))

    try:
        write_site(precompressed(files, previous=out), out, finish)
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
    return save_cache(cache, out)


def save_cache(cache: BuildCache | None, out: Path) -> int:
    """After publishing: a cache that cannot be saved (a full disk) only makes the next build slower."""
    if cache is not None:
        try:
            cache.save()
        except OSError:
            pass
        except KeyboardInterrupt:
            print(f"Stopped while saving the build cache: the new site is published in {out}; the next build "
                  "renders again what the cache did not keep.", file=sys.stderr)
            return EXIT_INTERRUPTED
    return EXIT_OK


def run_build(root: Path, options: BuildOptions, cache: BuildCache | None, command: str) -> Output | int:
    """Every stage but the writing: the result, or the exit code once its problems are printed."""
    from .errors import BuildFailed
    from .site import build

    try:
        return build(root, options, cache)
    except BuildFailed as failure:
        print_problems(failure.problems, root, failed=True, command=command)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("Stopped before anything was written. The site folder was not changed.", file=sys.stderr)
        return EXIT_INTERRUPTED


def check_command(root: Path, options: BuildOptions, clean: bool) -> int:
    from .cache import BuildCache

    result = run_build(root, options, None if clean else BuildCache.load(root / ".cache" / "build"), "check")
    if isinstance(result, int):
        return result
    print_problems(result.problems.sorted(), root, failed=False, command="check")
    print(f"Checked {result.pages} pages: no errors. Nothing was written.")
    return EXIT_OK


def build_command(root: Path, out: Path, options: BuildOptions, clean: bool) -> int:
    """Build and publish. When nothing it reads has changed since it last published `out`, and `out` is as it was
    published, it only says so (with the warnings it gave then); when it makes exactly what is published, it writes
    nothing (uptodate.py)."""
    started = time.perf_counter()
    now = uptodate.take(root, options)
    record = None if clean else uptodate.load(root, out)
    if record is not None and uptodate.up_to_date(record, now, root, out):
        print_report(record.report)
        print(f"Nothing changed: {out} is up to date (check {time.perf_counter() - started:.2f} s)")
        return EXIT_OK
    from .cache import BuildCache
    from .writer import UnsafeOutput, check_output_folder

    try:
        check_output_folder(out, root)
    except UnsafeOutput as error:
        print(f"build.py: error: refusing to write there: {error}", file=sys.stderr)
        return EXIT_USAGE
    cache = None if clean else BuildCache.load(root / ".cache" / "build")
    result = run_build(root, options, cache, "build")
    if isinstance(result, int):
        return result
    report = problems_report(result.problems.sorted(), root, failed=False)
    print_report(report)
    writing = time.perf_counter()
    unchanged = record is not None and uptodate.unchanged(record, now, result.files, out)
    written = [record.published] if record is not None and unchanged else []
    code = save_cache(cache, out) if unchanged else publish(result.files, out, cache, written)
    if code != EXIT_OK:
        return code
    uptodate.save(root, out, now, result.files, report, written[-1])
    stages = {**result.seconds, "compare" if unchanged else "compress and write": time.perf_counter() - writing}
    said = ", ".join(f"{name} {took:.2f} s" for name, took in stages.items())
    if unchanged:
        print(f"Nothing changed: {out} is up to date ({said})")
    else:
        print(f"Built {result.pages} pages ({len(result.files)} files) in {time.perf_counter() - started:.2f} s "
              f"into {out} ({said})")
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
    if command == "check":
        return check_command(root, options, args.clean)
    return build_command(root, out, options, args.clean)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
