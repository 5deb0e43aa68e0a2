#include "cli/app.hpp"
#include "util/huge_pages.hpp"

int main(int argc, char** argv) {
  outage::prepare_huge_heap();
  return outage::run_command_line(argc, argv);
}
