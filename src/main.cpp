#include "cli/app.hpp"

int main(int argc, char** argv) {
  return outage::run_command_line(argc, argv);
}
