"""What the PyInstaller bundles leave out; shared by build.spec and scripts/floor.spec."""

# Qt modules and plugins the app never loads (QtNetwork is excluded so no socket code ships).
EXCLUDED_MODULES = [
    "tkinter",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtXml",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtNetworkAuth",
    "PySide6.QtMultimedia",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtStateMachine",
    "PySide6.QtSvgWidgets",
    "sqlite_utils",  # the bundle ships a built database; only source checkouts rebuild it
    "yaml",  # content sources are parsed only by the build
    "_yaml",
    "ssl",  # nothing here speaks TLS: the app is offline
    "_ssl",
    "click",
    "pytest",
    "hypothesis",
    # the Anki export (issue 19) needs PyYAML through genanki, which the bundle leaves out: the
    # frozen app's 'study export-anki' says the 'study' extra is missing and exits 2
    "genanki",
]
# Shared libraries and plugins that would drag in networking, QML or GL stacks.
EXCLUDED_BINARY_PARTS = (
    "Qt6Network",
    "Qt6Qml",
    "Qt6Quick",
    "Qt6Designer",
    "Qt6WebEngine",
    "Qt6Pdf",
    "Qt6VirtualKeyboard",
    "Qt6Help",
    "Qt6Sql",
    "Qt6Test",
    "Qt6OpenGLWidgets",
    "plugins/tls",
    "plugins/networkinformation",
    "plugins/qmltooling",
    "plugins/sqldrivers",
    "plugins/designer",
    "plugins/qmllint",
    "plugins/wayland",
    "plugins/egldeviceintegrations",
    "plugins/vectorimageformats",
    "plugins/imageformats/libqpdf",
    # The CUPS print plugin pulls in a network stack (GnuTLS, Avahi service discovery). Without it
    # a Linux bundle prints through "Save as PDF"; Windows and macOS print natively.
    "plugins/printsupport/libcupsprintersupport",
    "libcups.so",
    "libgnutls.so",
    "libavahi-",
    "libp11-kit.so",
    "libunistring.so",
    "libnettle.so",
    "libhogweed.so",
    "libgmp.so",
    "libidn2.so",
    "libtasn1.so",
    "plugins/imageformats/qpdf",
    "translations/",
)


def keep(entry: tuple[str, ...]) -> bool:
    dest = entry[0].replace("\\", "/")
    return not any(part in dest for part in EXCLUDED_BINARY_PARTS)
