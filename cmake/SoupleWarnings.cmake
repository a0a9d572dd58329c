# souple_enable_warnings(target): the project's warning set. Never applied to the
# generated ANTLR sources (grammar/).
function(souple_enable_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         -Wnon-virtual-dtor -Wimplicit-fallthrough)
  # yaml-cpp 0.7's node/impl.h trips GCC 12's -Wdangling-pointer: a known false positive.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
    target_compile_options(${target} PRIVATE -Wno-dangling-pointer)
  endif()
  if(SOUPLE_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
