#include "engine/search/engine_factory.h"

#include "engine/search/cpu_searcher.h"
#if defined(VANIKEYS_HAVE_CUDA_ENGINE)
#include "engine/cuda/cuda_searcher.h"
#endif

namespace vanikeys {

std::optional<EngineChoice> parse_engine_choice(std::string_view name) {
    if (name == "auto") return EngineChoice::Auto;
    if (name == "cpu") return EngineChoice::Cpu;
    if (name == "cuda") return EngineChoice::Cuda;
    return std::nullopt;
}

Result<EngineSelection> make_search_engine(EngineChoice choice) {
    if (choice == EngineChoice::Cpu) return EngineSelection{std::make_unique<CpuSearcher>(), "using the CPU engine"};
#if defined(VANIKEYS_HAVE_CUDA_ENGINE)
    std::string why;
    if (auto cuda = make_cuda_searcher(why)) {
        auto engine = std::move(cuda);
        std::string note = "using the CUDA engine: " + engine->device_description();
        return EngineSelection{std::move(engine), note};
    }
    const std::string reason = "no usable CUDA GPU: " + why;
#else
    const std::string reason = "this build of VaniKeys has no CUDA engine (it was built without nvcc)";
#endif
    if (choice == EngineChoice::Cuda) return runtime_failure(reason + "; use --engine cpu or --engine auto");
    return EngineSelection{std::make_unique<CpuSearcher>(), reason + "; falling back to the CPU engine"};
}

std::vector<EngineOption> available_engines() {
    std::vector<EngineOption> options;
    options.push_back({"cpu", "CPU: " + CpuSearcher().device_description(), EngineChoice::Cpu, {}});
#if defined(VANIKEYS_HAVE_CUDA_ENGINE)
    for (const CudaDeviceInfo& d : cuda_devices()) {
        options.push_back({"cuda:" + std::to_string(d.index), "GPU " + std::to_string(d.index) + ": " + d.name,
                           EngineChoice::Cuda, {d.index}});
    }
#endif
    return options;
}

} // namespace vanikeys
