// Checkpoints (engine::Simulation::load_checkpoint): any file is a simulation or a
// CheckpointError. The check sum is tested before anything is parsed, so mutations of a real
// checkpoint stop there; the target also feeds the bytes after a valid header line, to reach the
// version and size checks.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz.hpp"
#include "peacesim/core/version.hpp"
#include "peacesim/engine/simulation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace peacesim;
    static const std::string path = (std::filesystem::temp_directory_path() /
                                     ("peacesim-fuzz-" + std::to_string(::getpid()) + ".ckpt"))
                                        .string();
    for (int form = 0; form < 2; ++form) {
        {
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            if (form == 1) out << "peacesim checkpoint\n" << core::version_string() << "\n";
            out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
        }
        try {
            (void)engine::Simulation::load_checkpoint(path);
        } catch (const engine::CheckpointError&) {
        }
    }
    return 0;
}
