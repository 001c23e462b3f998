# Desktop integration and manual pages. Included from installer/CMakeLists.txt
# (include(assets.cmake)): paths are relative to this file, destinations follow GNUInstallDirs.
# Components: `console` (the desktop console's files and user manuals), `relay` (the relay
# programs' administrator manuals). installer/check-assets validates every file below.
include(GNUInstallDirs)

set(_staffetta_assets "${CMAKE_CURRENT_LIST_DIR}")

install(FILES "${_staffetta_assets}/console/net.staffetta.Staffetta.desktop"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/applications"
  COMPONENT console)
install(FILES "${_staffetta_assets}/console/net.staffetta.Staffetta.metainfo.xml"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo"
  COMPONENT console)
install(FILES "${_staffetta_assets}/console/net.staffetta.Staffetta.svg"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps"
  COMPONENT console)

# Installed uncompressed: dh_compress (or the packager) gzips them.
install(FILES
    "${_staffetta_assets}/man/staffetta.1"
    "${_staffetta_assets}/man/staffetta-probe.1"
  DESTINATION "${CMAKE_INSTALL_MANDIR}/man1"
  COMPONENT console)
install(FILES
    "${_staffetta_assets}/man/staffettad.8"
    "${_staffetta_assets}/man/staffetta-milter.8"
    "${_staffetta_assets}/man/staffetta-events.8"
    "${_staffetta_assets}/man/staffettactl.8"
    "${_staffetta_assets}/man/staffetta-relay-setup.8"
  DESTINATION "${CMAKE_INSTALL_MANDIR}/man8"
  COMPONENT relay)

unset(_staffetta_assets)
