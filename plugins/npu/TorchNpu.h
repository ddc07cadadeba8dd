// torch_npu's C++ library (libtorch_npu.so), found on demand and loaded at run time.
//
// What torch_npu's C++ side offers, from Huawei's documentation (Ascend Extension for
// PyTorch: "compiling libtorch_npu", the torch_npu::init_npu API page) and its repository,
// and therefore what Trainbench can do on an Ascend NPU:
//  - libtorch_npu exists for PyTorch/LibTorch 2.1 and later only. torch_npu has no release
//    for 1.13 at all (its releases follow PyTorch 1.11, then 2.1 onwards; the 1.11 one put the
//    NPU on the XLA device type, not PrivateUse1). With Debian's LibTorch 1.13 the NPU backend
//    can enumerate NPUs and read their telemetry, but cannot train on them.
//  - It is not in the torch_npu wheel as a C++ package: it is built from the Ascend/pytorch
//    sources (`python3 build_libtorch_npu.py`) for the exact PyTorch version of the LibTorch in
//    use, and needs the CANN toolkit and the Ascend driver at run time.
//  - Its public C++ API is torch_npu::init_npu(device) before first use and
//    torch_npu::finalize_npu() at the end; the device is PrivateUse1, named `npu` once the
//    library is loaded. The maintainers state the C++ interface is meant for inference
//    (Ascend/pytorch issue #55: "仅用作推理", training is supported through the Python
//    wheel). Training works as far as the dispatcher has NPU kernels for the operators and
//    their backward passes, but it is not a supported use: expect missing operators.
//  - No NPU automatic mixed precision from C++ (torch_npu's autocast is driven from Python),
//    and the NPU caching allocator's statistics have no C interface, so a run on `npu:N`
//    records no allocated/reserved/peak bytes (HBM used/total comes from DCMI or npu-smi).
#pragma once

#include <string>

namespace tb::npu {

/// Why this process cannot train on an NPU as far as torch_npu is concerned, found without
/// loading anything: this LibTorch is too old, or libtorch_npu.so is not found
/// (`TB_TORCH_NPU_LIBRARY`, else the folders of LD_LIBRARY_PATH, /usr/local/lib, /usr/lib).
/// Empty when it may. Thread-safe.
std::string torchNpuProblem();

/// Loads libtorch_npu.so (RTLD_NOW | RTLD_GLOBAL, once per process), initialises NPU `index`
/// with torch_npu::init_npu and checks that a tensor can be made there; the first success
/// registers torch_npu::finalize_npu to run at exit. Empty on success, else why not.
/// Thread-safe.
std::string prepareTorchNpu(int index);

} // namespace tb::npu
