# Warnings and sanitizers as INTERFACE targets: applied to our targets only, never forced on
# dependencies.
add_library(outage_impact_warnings INTERFACE)
target_compile_options(outage_impact_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  $<$<BOOL:${OUTAGE_IMPACT_WERROR}>:-Werror>)

add_library(outage_impact_sanitizers INTERFACE)
if(OUTAGE_IMPACT_SANITIZE)
  # GCC 12 reports false "maybe-uninitialized" warnings inside libstdc++ (std::regex, used by
  # Catch2) when ASan instrumentation is on; they would break -Werror builds.
  target_compile_options(outage_impact_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(outage_impact_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

if(OUTAGE_IMPACT_TSAN)
  target_compile_options(outage_impact_sanitizers INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(outage_impact_sanitizers INTERFACE -fsanitize=thread)
endif()
