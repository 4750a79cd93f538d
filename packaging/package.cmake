# What `cmake --install` puts where (GNUInstallDirs under CMAKE_INSTALL_PREFIX: /usr for the .deb):
#
#   bin/schoolgate
#   share/schoolgate/themes/default/          the default theme, copied by `schoolgate init`
#   share/schoolgate/example/                 the example school: schoolgate.yml, content/, consent/
#   share/man/man1/schoolgate.1.gz
#   share/bash-completion/completions/schoolgate
#   share/doc/schoolgate/                     copyright (Debian's format), README.md
#
# The binary finds share/schoolgate/ from its own path (generator/util/installed.h), so any prefix
# works. A data folder that joins later (the face model) goes below SG_DATA_DIR too.
#
# `cpack` (in the build folder) makes schoolgate_VERSION_amd64.deb from the same install rules;
# its Depends come from the shared libraries the binary links (dpkg-shlibdeps), plus the data
# packages no library names.

include(GNUInstallDirs)
set(SG_DATA_DIR ${CMAKE_INSTALL_DATADIR}/schoolgate)

install(TARGETS schoolgate RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/themes/default DESTINATION ${SG_DATA_DIR}/themes)
install(FILES ${PROJECT_SOURCE_DIR}/schoolgate.yml DESTINATION ${SG_DATA_DIR}/example)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/content ${PROJECT_SOURCE_DIR}/consent DESTINATION ${SG_DATA_DIR}/example)
# The face detector's model with its licence and NOTICE, as .ci/install-face-model put them.
install(DIRECTORY ${SG_FACE_MODEL_DIR}/ DESTINATION ${SG_DATA_DIR}/face-model)

# The manual page carries the version; Debian wants it compressed, reproducibly (-n: no name or
# time stamp in the file).
configure_file(${PROJECT_SOURCE_DIR}/packaging/schoolgate.1.in ${CMAKE_BINARY_DIR}/schoolgate.1 @ONLY)
set(man_page ${CMAKE_BINARY_DIR}/schoolgate.1.gz)
add_custom_command(OUTPUT ${man_page}
                   COMMAND gzip -9nc ${CMAKE_BINARY_DIR}/schoolgate.1 > ${man_page}
                   DEPENDS ${CMAKE_BINARY_DIR}/schoolgate.1 VERBATIM)
add_custom_target(man_page ALL DEPENDS ${man_page})
install(FILES ${man_page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/schoolgate.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME schoolgate)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME schoolgate)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "schoolgate maintainers <maintainers@schoolgate.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "static-site generator for school websites with a privacy gate")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "static-site generator for school websites with a privacy gate
 schoolgate builds a school's website from Markdown pages and photos. Before anything is
 rendered it cross-checks every photo and every name against the school's consent register,
 strips identifying metadata from images, looks for faces nobody declared, keeps pupils' names
 away from their pictures, and refuses to publish any page that breaks a rule.
 .
 `schoolgate init DIR` starts a new school's site from the installed example.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # schoolgate_0.9.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Every run-time dependency is a shared library the binary links (the face model is in the
# package); git for the hooks and `check --staged` is optional.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "git")
set(CPACK_STRIP_FILES ON)  # the debugging symbols of RelWithDebInfo stay in the build folder
set(CPACK_PACKAGE_INSTALL_DIRECTORY schoolgate)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR}/package)
include(CPack)

# The package as a user gets it: built by CPack, its contents and control fields checked.
add_test(NAME package:deb
         COMMAND bash ${PROJECT_SOURCE_DIR}/packaging/check-package ${CMAKE_BINARY_DIR})
set_tests_properties(package:deb PROPERTIES TIMEOUT 600)
# The installed layout alone (cmake --install into a temporary prefix): init a site and build it,
# and build the installed example school.
add_test(NAME package:installed
         COMMAND bash ${PROJECT_SOURCE_DIR}/packaging/check-installed ${CMAKE_BINARY_DIR})
set_tests_properties(package:installed PROPERTIES TIMEOUT 600)
