// trainbench-cli hands the commands that need LibTorch to trainbench-engine.
#pragma once

namespace tb::cli {

/// Replaces this process with trainbench-engine, given the same arguments (and the same
/// process id, so that Ctrl+C and a parent's wait reach the run). Returns only when it cannot:
/// then it has said why, and the result is the exit code.
int becomeEngineProgram(char** argv);

} // namespace tb::cli
