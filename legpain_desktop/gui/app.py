"""Starting the GUI: open and verify the content, build the window, or explain what is wrong."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# The Qt-free modules the window needs load here, before PySide6. Once PySide6 is imported, its
# import hook reads the source of every module imported after it (looking for __feature__), a
# cost at each start-up for each module loaded later.
from legpain_desktop.core import library, navigation, render, session  # noqa: F401
from legpain_desktop.core.db import userdata  # noqa: F401
from legpain_desktop.core.db.errors import DatabaseError
from legpain_desktop.core.model import KINDS, ContentErrors

if TYPE_CHECKING:
    from legpain_desktop.core.db.repository import ContentRepository
    from legpain_desktop.core.db.userdata import UserData
    from legpain_desktop.core.differential import DifferentialEngine
    from legpain_desktop.core.dosing.formulary import Formulary
    from legpain_desktop.core.integrity import Manifest
    from legpain_desktop.core.legmap import LegMap
    from legpain_desktop.core.library import ContentOpening
    from legpain_desktop.core.render import Palette
    from legpain_desktop.gui.main_window import MainWindow
    from legpain_desktop.gui.settings import Settings

SMOKE_MONOGRAPH_KINDS = KINDS  # every kind

# Set to start, print the first-paint and start-page times, and quit (a start-up diagnostic).
REPORT_START_UP = "LEGPAIN_REPORT_START_UP"


def declare_modules_to_pyside() -> int:
    """Tell PySide6 up front that none of this package's modules uses its ``__feature__`` switches.

    Once PySide6 is imported, its import hook reads the whole source of every module imported
    after it to find out whether it mentions PySide6 (about 17 ms for the window's 50 modules at
    every start). It skips a module already in its table: the same value it would have found for
    a module that uses PySide6 (0, no feature switched on) is entered here for each of ours, read
    from the package folder. Returns how many were declared (0 when the table is not there, as
    in another PySide6 version, or the modules are not files, as in the packaged app)."""
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    package = Path(__file__).resolve().parent.parent
    if not isinstance(table, dict) or not package.is_dir():
        return 0
    count = 0
    for name in list(sys.modules):  # already imported; a later import statement would scan them again
        if name not in table and not name.startswith("legpain_desktop"):
            table[name] = -1  # what the scan finds for a module that does not use PySide6 (or has no source)
    for folder, subfolders, files in os.walk(package):  # os.walk: a third of rglob's time
        subfolders[:] = [f for f in subfolders if f != "__pycache__"]
        parts = [package.name, *Path(folder).relative_to(package).parts]
        for file in files:
            if file.endswith(".py"):
                name = ".".join(parts if file == "__init__.py" else [*parts, file[:-3]])
                if name not in table:
                    table[name] = 0
                    count += 1
    return count


def _application() -> object:
    from PySide6.QtWidgets import QApplication

    declare_modules_to_pyside()

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("LegPain Desktop")
        app.setOrganizationName("LegPain")
        app.setApplicationVersion(__import__("legpain_desktop").__version__)
        from PySide6.QtGui import QIcon

        from legpain_desktop.core.paths import RESOURCES

        app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "legpain.png")))
    return app


def startup_problem_message(exc: Exception) -> str:
    """What the start-up error box says (the ``App`` translation context)."""
    from PySide6.QtCore import QCoreApplication

    if isinstance(exc, ContentErrors):
        first = exc.errors[0] if exc.errors else exc
        count = len(exc.errors)  # a name: lupdate drops a translate() whose count is an expression
        return QCoreApplication.translate(
            "App",
            "The content sources have %n problem(s), so the database could not be built.\n\n"
            "First problem: {0}\n\nRun 'legpain-desktop build-db' to see them all.",
            "",
            count,
        ).format(first)
    return QCoreApplication.translate(
        "App",
        "The content database cannot be used, so no clinical content is shown.\n\n{0}\n\n"
        "Reinstall LegPain Desktop, or in a source checkout run 'legpain-desktop build-db'.",
    ).format(exc)


def user_data_path() -> Path:
    """``LEGPAIN_USER_DATA`` if set (tests), else ``portable-data`` beside a portable executable,
    else the platform's app-data folder."""
    from legpain_desktop.core.policy import user_data_dir

    override = user_data_dir()
    if override is not None:
        return override / "userdata.sqlite"
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "userdata.sqlite"


def make_settings() -> Settings:
    from PySide6.QtCore import QSettings

    from legpain_desktop.core.policy import load_policy, user_data_dir
    from legpain_desktop.gui.settings import Settings

    policy = load_policy()
    for problem in policy.problems:
        sys.stderr.write(f"legpain-desktop: policy: {problem}\n")
    override = user_data_dir()
    if override is not None:
        return Settings(QSettings(str(override / "settings.ini"), QSettings.Format.IniFormat), policy)
    scope = QSettings.Scope.UserScope
    return Settings(QSettings(QSettings.Format.IniFormat, scope, "LegPain", "LegPain Desktop"), policy)


# Loaders for the parts the window builds on first use; each imports its module only then.
def _load_engine(repo: ContentRepository) -> DifferentialEngine:
    from legpain_desktop.core.differential import engine_from_repository

    return engine_from_repository(repo)


def _load_leg_map() -> LegMap:
    from legpain_desktop.core.legmap import load_leg_map
    from legpain_desktop.core.paths import RESOURCES

    return load_leg_map(RESOURCES / "leg-map.svg")


def _load_formulary(repo: ContentRepository) -> Formulary:
    from legpain_desktop.core.dosing.formulary import Formulary

    return Formulary.from_repository(repo)


def build_main_window(
    repo: ContentRepository,
    manifest: Manifest,
    user_data: UserData | None = None,
    settings: Settings | None = None,
) -> MainWindow:
    """Create the window with every dependency it needs, built from the opened content."""
    from legpain_desktop.gui.main_window import MainWindow

    window = MainWindow(settings if settings is not None else make_settings())
    fill_main_window(window, repo, manifest, user_data)
    return window


def fill_main_window(
    window: MainWindow, repo: ContentRepository, manifest: Manifest, user_data: UserData | None = None
) -> None:
    """Build the panes into the window's shell from the verified content."""
    from legpain_desktop.core.db.userdata import UserData

    window.build(
        repo,
        manifest,
        engine=lambda: _load_engine(repo),
        leg_map=_load_leg_map,
        formulary=lambda: _load_formulary(repo),
        user_data=user_data if user_data is not None else UserData.open_or_fallback(user_data_path())[0],
    )


def launch(database: Path | None, smoke_test: bool = False) -> tuple[object, MainWindow | int]:
    """The application and its window (or exit status 3), as ``legpain-desktop`` starts them and
    the benchmark times them. The content check starts first, on a worker thread, so hashing the
    database and SQLite's check run while PySide6 loads (both release the GIL) rather than after."""
    from legpain_desktop.core.library import ContentOpening

    opening = ContentOpening(database)
    app = _application()
    return app, open_main_window(database, smoke_test, opening)


def run_gui(database: Path | None, smoke_test: bool = False) -> int:
    if smoke_test and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    app, window = launch(database, smoke_test)
    assert isinstance(app, QApplication)
    if isinstance(window, int):
        return window
    if smoke_test:
        return _smoke(window, app)
    report = os.environ.get(REPORT_START_UP)
    if report:
        window.first_paint.after(lambda: _report_start_up(window, app, report))
    return int(app.exec())


def _report_start_up(window: MainWindow, app: object, launched: str) -> None:
    """Print when the window first painted and when the start page was drawn (seconds since the
    epoch, as JSON), then quit: how fast this computer starts the app. Given the launch time as
    the variable's value (``LEGPAIN_REPORT_START_UP=$(date +%s.%N)``) it also prints the seconds
    from launch to each. benchmarks/run.py --frozen uses it."""
    import json
    import time

    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    if not window.built:  # the content could not be used: the error box said so
        return
    window.grab()  # the start page, painted
    page = time.time()
    report: dict[str, float | None] = {"painted": window.first_paint.painted_at, "page": page}
    try:
        start = float(launched)
    except ValueError:
        start = 0.0  # any other value just asks for the report
    if 1e9 < start <= page and window.first_paint.painted_at is not None:
        report["first_paint_s"] = round(window.first_paint.painted_at - start, 3)
        report["start_page_s"] = round(page - start, 3)
    print(json.dumps(report), flush=True)
    window.close()  # as a user would: the session and the colour scheme are kept for the next start
    app.quit()


def open_main_window(
    database: Path | None, smoke_test: bool = False, opening: ContentOpening | None = None
) -> MainWindow | int:
    """Everything from launch to the shown window, as the user starts it (the benchmark times
    this same path). Returns exit status 3, after saying why, when the content cannot be used.

    Two steps, so the window is on the screen while the rest loads: its shell (at its saved size
    and place, titled "LegPain Desktop — opening…", empty) is shown at once; after its first
    paint the content check is awaited (it runs on a worker thread meanwhile), then the window's
    modules load, the panes are built into that same window and the home page is drawn. When the
    check fails the shell says why in an error box and the app exits with status 3. A smoke test
    does it all before returning."""
    from legpain_desktop.core.library import ContentOpening

    if opening is None:
        opening = ContentOpening(database)
    from PySide6.QtWidgets import QApplication

    from legpain_desktop.gui import settings as keys
    from legpain_desktop.gui.main_window import MainWindow
    from legpain_desktop.gui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if smoke_test:  # a check of the install: it must not read or change the user's own settings
        import tempfile

        from PySide6.QtCore import QSettings

        from legpain_desktop.gui.settings import Settings

        scratch = Path(tempfile.mkdtemp(prefix="legpain-smoke-")) / "settings.ini"
        settings = Settings(QSettings(str(scratch), QSettings.Format.IniFormat))
    else:
        settings = make_settings()
    theme_palette = apply_theme(
        app, settings.get(keys.THEME), starting=True, known_system_scheme=settings.get(keys.SYSTEM_SCHEME)
    )
    if smoke_test:  # all before returning, and no window at all when the content cannot be used
        content = _verified(opening, None, smoke_test=True)
        if content is None:
            return 3
        window = MainWindow(settings)
        _fill(window, *content, theme_palette, smoke_test=True)
        window.show()
        return window
    window = MainWindow(settings)

    def second_step() -> None:
        content = _verified(opening, window)
        if content is not None:
            _fill(window, *content, theme_palette)

    window.first_paint.after(second_step)
    window.show()
    return window


def _verified(
    opening: ContentOpening, window: MainWindow | None, smoke_test: bool = False
) -> tuple[ContentRepository, Manifest] | None:
    """The checked content, or None after saying why it cannot be used: on stderr, and (not in a
    smoke test) in an error box over the window's shell, ending the event loop with status 3."""
    try:
        return opening.result()
    except (DatabaseError, ContentErrors) as exc:
        message = startup_problem_message(exc)
        sys.stderr.write(f"legpain-desktop: content error: {str(exc).splitlines()[0]}\n")
        if not smoke_test:
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtWidgets import QMessageBox

            if window is not None:
                from legpain_desktop.gui.main_window import APP_NAME

                window.setWindowTitle(APP_NAME)  # no longer opening
            title = QCoreApplication.translate("App", "LegPain Desktop cannot show its content")
            box = QMessageBox(QMessageBox.Icon.Critical, title, message, parent=window)
            box.exec()
            QCoreApplication.exit(3)
        return None


def _fill(
    window: MainWindow, repo: ContentRepository, manifest: Manifest, theme_palette: Palette, smoke_test: bool = False
) -> None:
    """The second step: the verified content into the shown shell, then the home page."""
    from legpain_desktop.core.db.userdata import UserData
    from legpain_desktop.gui import settings as keys

    settings = window.settings
    user_data, warning = (UserData(None), None) if smoke_test else UserData.open_or_fallback(user_data_path())
    fill_main_window(window, repo, manifest, user_data)
    window.view.set_palette_theme(theme_palette)
    window.commands.mark_theme(settings.get(keys.THEME))
    if settings.get(keys.TEXT_SCALE) != 100:
        window.appearance.set_text_scale(settings.get(keys.TEXT_SCALE))
    if smoke_test:
        window.session.open_start_page()
        return
    window.session.restore(open_page=False)
    window.session.open_start_page()
    window.first_paint.settled(window.appearance.check_system_scheme)
    if warning:
        window.warn(warning)
    from legpain_desktop.gui.updates.controller import show_installed_pack

    show_installed_pack(window, repo.path)


def _smoke(window: object, app: object) -> int:
    from PySide6.QtWidgets import QApplication

    from legpain_desktop.gui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    assert isinstance(app, QApplication)
    items = window.repo.list_monographs()
    if not items:
        sys.stderr.write("legpain-desktop: smoke test failed: the content database lists no monographs\n")
        return 1
    for kind in SMOKE_MONOGRAPH_KINDS:
        first = next((m for m in items if m.kind == kind), None)
        if first is not None and not window.open_monograph(first.id):
            sys.stderr.write(f"legpain-desktop: smoke test failed: could not open {first.id}\n")
            return 1
    app.processEvents()
    image = window.grab()
    if image.isNull() or window.view.document().isEmpty():
        sys.stderr.write("legpain-desktop: smoke test failed: nothing was rendered\n")
        return 1
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:  # PDF export must work with no printer installed
        pdf = window.printing.save_pdf(str(Path(tmp) / "smoke.pdf"))
        if not pdf or not Path(pdf).read_bytes().startswith(b"%PDF"):
            sys.stderr.write("legpain-desktop: smoke test failed: could not save a PDF\n")
            return 1
    print("smoke-test ok")
    window.close()
    return 0
