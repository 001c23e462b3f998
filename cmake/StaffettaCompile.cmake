# One INTERFACE target carries the compile policy; every Staffetta target links it.
add_library(staffetta_compile INTERFACE)
target_compile_definitions(staffetta_compile INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_FOREACH
  QT_DISABLE_DEPRECATED_BEFORE=0x060400
  STAFFETTA_VERSION="${PROJECT_VERSION}")
target_compile_options(staffetta_compile INTERFACE -Wall -Wextra -Wpedantic -Wshadow)
if(STAFFETTA_WERROR)
  target_compile_options(staffetta_compile INTERFACE -Werror)
endif()

# staffetta_core_library(NAME topic SOURCES ... LIBS ...): one static library per core topic.
function(staffetta_core_library topic)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_library(staffetta_${topic} STATIC ${ARG_SOURCES})
  target_include_directories(staffetta_${topic} PUBLIC ${PROJECT_SOURCE_DIR}/core)
  target_link_libraries(staffetta_${topic} PUBLIC staffetta_compile ${ARG_LIBS})
  # The core never links Qt Widgets or Charts: fail the configure if a topic tries.
  get_target_property(_libs staffetta_${topic} LINK_LIBRARIES)
  foreach(_lib IN LISTS _libs)
    if(_lib MATCHES "Widgets|Charts|Gui")
      message(FATAL_ERROR "core topic '${topic}' must not link ${_lib}")
    endif()
  endforeach()
endfunction()
