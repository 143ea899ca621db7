#include "cli/search_runner.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <sstream>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <iostream>
#include <thread>

#include "engine/core/humanize.h"
#include "engine/encoding/hex.h"
#include "engine/format/address.h"
#include "engine/pattern/matcher.h"

namespace vanikeys::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) {
    g_interrupted.store(true);
}

std::string progress_line(const SearchProgress& p, const Estimate* estimate) {
    std::string line = human_rate(p.keys_per_second) + "  " + human_count(static_cast<double>(p.attempts)) + " keys";
    if (estimate && estimate->probability > 0) {
        line += "  chance so far " + human_percent(chance_after(estimate->probability, static_cast<double>(p.attempts)));
        if (p.keys_per_second > 0) {
            const double left = estimate->attempts_50 - static_cast<double>(p.attempts);
            line += left > 0 ? "  50 % in " + human_duration(left / p.keys_per_second) : "  past the 50 % mark";
        }
    }
    if (p.best) line += "  best " + std::to_string(p.best->match.matched_chars) + "/" + std::to_string(p.best->match.total_chars);
    if (p.devices.size() > 1) {  // several GPUs: each one's share, in the order of --gpus
        line += "  per device";
        for (const DeviceRate& d : p.devices) line += " " + human_count(d.keys_per_second) + "/s";
    }
    return line;
}

} // namespace

// Ctrl-C asks the search to stop cleanly (keys found so far are kept and printed); a second
// Ctrl-C kills the process as usual.
InterruptGuard::InterruptGuard() {
    g_interrupted = false;
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &previous_int_);
    sigaction(SIGTERM, &sa, &previous_term_);
}

InterruptGuard::~InterruptGuard() {
    sigaction(SIGINT, &previous_int_, nullptr);
    sigaction(SIGTERM, &previous_term_, nullptr);
}

bool interrupt_requested() { return g_interrupted.load(); }

// ---- HitFile ----------------------------------------------------------------------------

Result<std::unique_ptr<HitFile>> HitFile::open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return runtime_failure("cannot open --out file " + path + ": " + std::strerror(errno));
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return bad_input("--out " + path + " is not a regular file");
    }
    // An existing file may have been created with looser permissions: keys must never be
    // readable by others, so tighten it (we can, since we could open it for writing).
    if ((st.st_mode & 077) != 0 && fchmod(fd, 0600) != 0) {
        ::close(fd);
        return runtime_failure("--out " + path + " is readable by others and cannot be made private (chmod 600 it)");
    }
    return std::unique_ptr<HitFile>(new HitFile(fd, path));
}

HitFile::~HitFile() {
    ::close(fd_);
}

Result<bool> HitFile::append(const nlohmann::json& line) {
    std::string text = line.dump() + "\n";
    std::lock_guard lock(mutex_);
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            secure_wipe(text.data(), text.size());
            return runtime_failure("writing " + path_ + " failed: " + std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    secure_wipe(text.data(), text.size());
    if (fsync(fd_) != 0) return runtime_failure("fsync of " + path_ + " failed: " + std::strerror(errno));
    return true;
}

// ---- JSON -------------------------------------------------------------------------------

nlohmann::json hit_json(const SearchHit& hit) {
    nlohmann::json matches = nlohmann::json::array();
    for (auto [s, e] : hit.match.matches) matches.push_back({s, e});
    nlohmann::json j = {
        {"format", format_info(hit.format).name},
        {"address", hit.address},
        {"public_key_hex", public_key_hex(hit.public_key)},
        {"score", hit.match.score},
        {"matched_chars", hit.match.matched_chars},
        {"total_chars", hit.match.total_chars},
        {"words_matched", hit.match.words_matched},
        {"exact", hit.match.exact},
        {"matches", matches},
    };
    if (hit.private_key) {
        j["private_key_hex"] = secret_hex(*hit.private_key);
        if (hit.format == KeyFormat::P2pkh) j["private_key_wif"] = secret_wif(*hit.private_key);
        if (hit.format == KeyFormat::Npub) j["private_key_nsec"] = secret_nsec(*hit.private_key);
    }
    if (hit.partial) {
        j["partial"] = {{"offset_hex", encoding::hex_encode(hit.partial->offset)},
                        {"endo", hit.partial->endo},
                        {"negate", hit.partial->negate}};
    }
    return j;
}

void wipe_secrets(nlohmann::json& j) {
    if (j.is_object()) {
        for (auto& [key, value] : j.items()) {
            if (value.is_string() && key.starts_with("private_key")) {
                auto& s = value.get_ref<std::string&>();
                secure_wipe(s.data(), s.size());
            } else {
                wipe_secrets(value);
            }
        }
    } else if (j.is_array()) {
        for (auto& v : j) wipe_secrets(v);
    }
}

nlohmann::json pattern_json(const Pattern& pattern) {
    return {{"pattern", pattern.text},
            {"mode", match_mode_name(pattern.options.mode)},
            {"fuzzy", pattern.options.fuzzy},
            {"case_sensitive", pattern.options.case_sensitive}};
}

std::vector<OptionSpec> engine_option_specs() {
    return {
        {"engine", "E", "auto (default: the CUDA GPU if usable, else the CPU), cpu or cuda"},
        {"threads", "N", "CPU threads (default: one per core)"},
        {"gpus", "LIST", "CUDA devices to use, e.g. 0,1 (default: all)"},
    };
}

Result<EngineChoice> engine_from_arguments(const ParsedArguments& args) {
    auto name = args.value("engine");
    if (!name) return EngineChoice::Auto;
    auto choice = parse_engine_choice(*name);
    if (!choice) return bad_input("unknown engine '" + *name + "': use auto, cpu or cuda");
    return *choice;
}

Result<std::vector<int>> gpu_ids_from_arguments(const ParsedArguments& args) {
    std::vector<int> ids;
    auto gpus = args.value("gpus");
    if (!gpus) return ids;
    std::stringstream list(*gpus);
    std::string item;
    while (std::getline(list, item, ',')) {
        int id = -1;
        auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), id);
        if (ec != std::errc() || ptr != item.data() + item.size() || id < 0)
            return bad_input("--gpus expects device numbers separated by commas, e.g. 0,1; got '" + *gpus + "'");
        ids.push_back(id);
    }
    return ids;
}

void print_hit(std::ostream& out, const SearchHit& hit) {
    out << "Address      " << hit.address << "\n";
    std::string marks(hit.address.size(), ' ');
    for (auto [s, e] : hit.match.matches)
        for (int i = s; i < e && i < static_cast<int>(marks.size()); ++i) marks[static_cast<std::size_t>(i)] = '^';
    out << "             " << marks << "\n";
    out << "Score        " << hit.match.matched_chars << "/" << hit.match.total_chars << " characters, "
        << hit.match.words_matched << (hit.match.words_matched == 1 ? " whole word" : " whole words")
        << (hit.match.exact ? "  EXACT MATCH" : "") << "\n";
    out << "Public key   " << public_key_hex(hit.public_key) << "\n";
    if (hit.private_key) {
        out << "Private key  " << secret_hex(*hit.private_key) << "\n";
        if (hit.format == KeyFormat::P2pkh) out << "WIF          " << secret_wif(*hit.private_key) << "\n";
        if (hit.format == KeyFormat::Npub) out << "nsec         " << secret_nsec(*hit.private_key) << "\n";
    }
    if (hit.partial) {
        out << "Partial      offset " << encoding::hex_encode(hit.partial->offset) << ", endo " << int(hit.partial->endo)
            << ", negate " << (hit.partial->negate ? "yes" : "no") << "\n";
    }
}

Result<Estimate> estimate_for_search(const Pattern& pattern) {
    auto matcher = compile_matcher(pattern);
    if (!matcher) return matcher.error();
    auto estimate = estimate_pattern(pattern, *matcher);
    if (!estimate) return estimate.error();
    if (!(estimate->probability > 0))
        return bad_input("no key of this format can match \"" + pattern.text + "\" (probability 0); nothing searched");
    return estimate;
}

// ---- running ----------------------------------------------------------------------------

Result<SearchRunResult> run_search(const CommandContext& ctx, const SearchSpec& spec, const SearchRunOptions& options) {
    auto selection = make_search_engine(options.engine);
    if (!selection) return selection.error();
    if (options.engine == EngineChoice::Auto || !selection->note.empty()) ctx.err << selection->note << "\n";
    return run_search_on(ctx, *selection->engine, spec, options);
}

Result<SearchRunResult> run_search_on(const CommandContext& ctx, ISearchEngine& engine, const SearchSpec& spec,
                                      const SearchRunOptions& options,
                                      const std::function<void(const SearchProgress&)>& on_progress) {

    const bool live = options.show_progress && !ctx.json;
    const bool tty = isatty(STDERR_FILENO) != 0;
    std::mutex print_mutex;
    std::optional<Error> write_error;
    auto last_print = std::chrono::steady_clock::now();

    SearchObserver observer;
    observer.on_progress = [&](const SearchProgress& p) {
        if (on_progress) on_progress(p);
        if (!live) return;
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard lock(print_mutex);
        if (tty) {
            ctx.err << "\r\033[K" << progress_line(p, options.estimate) << std::flush;
        } else if (now - last_print > std::chrono::seconds(5)) {  // logs get a line now and then
            ctx.err << progress_line(p, options.estimate) << "\n";
            last_print = now;
        }
    };
    observer.on_hit = [&](const SearchHit& hit) {
        if (options.out) {
            nlohmann::json line = hit_json(hit);
            line.update(pattern_json(spec.pattern));
            auto written = options.out->append(line);
            wipe_secrets(line);
            if (!written) {
                std::lock_guard lock(print_mutex);
                write_error = written.error();
            }
        }
        if (live && options.announce_hits) {
            std::lock_guard lock(print_mutex);
            ctx.err << (tty ? "\r\033[K" : "") << "found " << hit.address << " after "
                    << human_count(static_cast<double>(hit.attempts)) << " keys\n";
        }
    };
    auto subscription = engine.subscribe(observer);

    InterruptGuard guard;
    auto started = engine.start(spec);
    if (!started) return started.error();
    while (engine.running()) {
        if (g_interrupted.load()) engine.request_stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    SearchRunResult result{engine.wait(), engine.name(), engine.device_description()};
    subscription.reset();
    if (live && tty) ctx.err << "\r\033[K" << std::flush;
    if (result.summary.error) return *result.summary.error;
    if (write_error) return *write_error;
    return result;
}

} // namespace vanikeys::cli
