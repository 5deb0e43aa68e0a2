# Warnings and sanitizers as INTERFACE targets: applied to our targets only, never forced on
# dependencies.
add_library(outage_impact_warnings INTERFACE)
target_compile_options(outage_impact_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  $<$<BOOL:${OUTAGE_IMPACT_WERROR}>:-Werror>)

add_library(outage_impact_sanitizers INTERFACE)
if(OUTAGE_IMPACT_SANITIZE)
  target_compile_options(outage_impact_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(outage_impact_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
