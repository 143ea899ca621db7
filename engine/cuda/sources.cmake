# The CUDA searcher's host logic and the CPU-emulated device are plain C++: built into
# vanikeys_engine everywhere, so their tests run without CUDA. The kernels and the CUDA device
# are vanikeys_engine_cuda (engine/cuda/CMakeLists.txt), built when nvcc is found.
target_sources(vanikeys_engine PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/cuda_searcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/emulated_gpu_device.cpp)
