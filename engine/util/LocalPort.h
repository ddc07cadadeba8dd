// Finding a TCP port to meet on.
#pragma once

namespace tb::engine {

/// A TCP port on 127.0.0.1 that is free now (the kernel picks it), for the rendezvous of
/// processes on this machine; 0 when the system gives none.
int freeLocalPort();

} // namespace tb::engine
