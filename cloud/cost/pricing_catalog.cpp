#include "cloud/cost/pricing_catalog.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace vanikeys::cost {
namespace {

using nlohmann::json;

struct NamedKind {
    std::string_view name;
    PlatformKind kind;
};
constexpr NamedKind kKinds[] = {{"serverless", PlatformKind::Serverless},
                                {"dedicated", PlatformKind::Dedicated},
                                {"own-hardware", PlatformKind::OwnHardware},
                                {"batch", PlatformKind::Batch}};

struct NamedBilling {
    std::string_view name;
    Billing billing;
    double unit_seconds;
};
constexpr NamedBilling kBillings[] = {{"ms", Billing::Millisecond, 0.001},
                                      {"s", Billing::Second, 1.0},
                                      {"minute", Billing::Minute, 60.0},
                                      {"month", Billing::Month, kSecondsPerMonth}};

bool is_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

std::string number_text(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return buf;
}

bool is_platform_id(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// Collects every problem of a catalog instead of stopping at the first, so that one edit
// session can fix them all.
class Problems {
public:
    void add(std::string message) { list_.push_back(std::move(message)); }
    [[nodiscard]] bool empty() const { return list_.empty(); }
    [[nodiscard]] std::size_t size() const { return list_.size(); }
    [[nodiscard]] std::string joined() const {
        std::string s;
        for (const std::string& m : list_) s += (s.empty() ? "" : "\n") + m;
        return s;
    }

private:
    std::vector<std::string> list_;
};

// Reads the fields of one JSON object, reporting each problem as "<where>: <field> <what>".
// Fields read are remembered so that anything left over is reported as unknown (a typo in a
// field name must not silently fall back to a default).
class ObjectReader {
public:
    ObjectReader(const json& object, std::string where, std::string field_prefix, Problems& problems)
        : object_(object), where_(std::move(where)), prefix_(std::move(field_prefix)), problems_(problems) {}

    [[nodiscard]] bool has(const std::string& key) const { return object_.contains(key); }

    void problem(const std::string& key, const std::string& what) {
        problems_.add(where_ + ": " + prefix_ + key + " " + what);
    }

    const json* field(const std::string& key, bool required) {
        seen_.insert(key);
        auto it = object_.find(key);
        if (it == object_.end()) {
            if (required) problem(key, "is missing");
            return nullptr;
        }
        return &*it;
    }

    std::string text(const std::string& key, bool required = true) {
        const json* v = field(key, required);
        if (!v) return {};
        if (!v->is_string() || v->get_ref<const std::string&>().empty()) {
            problem(key, "must be a non-empty string");
            return {};
        }
        return v->get<std::string>();
    }

    std::string date(const std::string& key) {
        std::string s = text(key);
        if (!s.empty() && !is_date(s)) problem(key, "must be a date written YYYY-MM-DD");
        return s;
    }

    // A finite number; `positive` demands > 0, otherwise >= 0.
    double number(const std::string& key, bool positive, bool required = true) {
        const json* v = field(key, required);
        if (!v) return 0;
        const bool numeric = v->is_number() && std::isfinite(v->get<double>());
        const double x = numeric ? v->get<double>() : 0;
        if (!numeric || (positive ? !(x > 0) : !(x >= 0))) {
            problem(key, positive ? "must be a positive number" : "must be a number >= 0");
            return 0;
        }
        return x;
    }

    // A field whose checks depend on something already found invalid: not reported again.
    void skip(const std::string& key) { seen_.insert(key); }

    // A field that must not be there for this kind of platform.
    void reject(const std::string& key, const std::string& why) {
        seen_.insert(key);
        if (has(key)) problem(key, why);
    }

    const json* object(const std::string& key) {
        const json* v = field(key, true);
        if (v && !v->is_object()) {
            problem(key, "must be an object");
            return nullptr;
        }
        return v;
    }

    // Reports fields never read. Names starting with '_' are comments and always allowed.
    void report_unknown() {
        for (auto it = object_.begin(); it != object_.end(); ++it) {
            if (it.key().starts_with("_") || seen_.count(it.key())) continue;
            problems_.add(where_ + ": unknown field '" + prefix_ + it.key() + "'");
        }
    }

    [[nodiscard]] const std::string& where() const { return where_; }

private:
    const json& object_;
    std::string where_;
    std::string prefix_;
    Problems& problems_;
    std::set<std::string> seen_;
};

template <class Named>
std::string names_of(const Named& table) {
    std::string s;
    for (const auto& n : table) s += (s.empty() ? "" : ", ") + std::string(n.name);
    return s;
}

void read_cold_start(ObjectReader& platform, ColdStart& cold, Problems& problems) {
    const json* v = platform.object("cold_start_s");
    if (!v) return;
    ObjectReader r(*v, platform.where(), "cold_start_s.", problems);
    cold.p50_s = r.number("p50", false);
    cold.p90_s = r.number("p90", false);
    cold.p99_s = r.number("p99", false);
    if (r.has("active_worker")) cold.active_worker_s = r.number("active_worker", false);
    cold.source = r.text("source", false);
    if (cold.p90_s < cold.p50_s || cold.p99_s < cold.p90_s)
        r.problem("p50", "<= p90 <= p99 must hold (got " + number_text(cold.p50_s) + ", " +
                             number_text(cold.p90_s) + ", " + number_text(cold.p99_s) + ")");
    r.report_unknown();
}

void read_rates(ObjectReader& platform, Platform& p, Problems& problems) {
    const json* v = platform.object("keys_per_second");
    if (!v) return;
    ObjectReader formats(*v, platform.where(), "keys_per_second.", problems);
    for (const FormatInfo& info : kFormats) {
        const std::string name(info.name);
        const json* entry = formats.object(name);
        if (!entry) continue;
        CatalogRate& rate = p.rates[static_cast<int>(info.id)];
        ObjectReader r(*entry, platform.where(), "keys_per_second." + name + ".", problems);
        rate.keys_per_second = r.number("value", true);
        const std::string status = r.text("status");
        if (status == "measured") rate.status = RateStatus::Measured;
        else if (status == "estimated") rate.status = RateStatus::Estimated;
        else if (!status.empty()) r.problem("status", "must be \"measured\" or \"estimated\"");
        rate.source = r.text("source");
        rate.date = r.date("date");
        r.report_unknown();
    }
    formats.report_unknown();
}

// The price fields that belong to the platform's kind, and no others.
void read_price(ObjectReader& r, Platform& p) {
    const std::string kind(platform_kind_name(p.kind));
    const bool hourly = p.kind == PlatformKind::Serverless || p.kind == PlatformKind::Batch;
    if (hourly) p.usd_per_hour = r.number("usd_per_hour", true);
    else r.reject("usd_per_hour", "does not apply to a " + kind + " platform");
    if (p.kind == PlatformKind::Dedicated) p.usd_per_month = r.number("usd_per_month", true);
    else r.reject("usd_per_month", "applies only to dedicated platforms");
    if (p.kind == PlatformKind::OwnHardware) {
        p.watts = r.number("watts", true);
        p.usd_per_kwh = r.number("usd_per_kwh", false);
    } else {
        r.reject("watts", "applies only to own-hardware platforms");
        r.reject("usd_per_kwh", "applies only to own-hardware platforms");
    }
}

void read_billing(ObjectReader& r, Platform& p) {
    const std::string name = r.text("billing");
    if (name.empty()) return;
    auto it = std::find_if(std::begin(kBillings), std::end(kBillings),
                           [&](const NamedBilling& b) { return b.name == name; });
    if (it == std::end(kBillings)) {
        r.problem("billing", "must be one of " + names_of(kBillings));
        return;
    }
    p.billing = it->billing;
    const bool monthly = p.billing == Billing::Month;
    if (p.kind == PlatformKind::Dedicated && !monthly)
        r.problem("billing", "must be \"month\" for a dedicated platform");
    if (p.kind != PlatformKind::Dedicated && monthly)
        r.problem("billing", "\"month\" applies only to dedicated platforms");
}

Platform read_platform(const json& v, std::size_t index, Problems& problems) {
    Platform p;
    std::string where = "platforms[" + std::to_string(index) + "]";
    if (!v.is_object()) {
        problems.add(where + ": must be an object");
        return p;
    }
    if (auto id = v.find("id"); id != v.end() && id->is_string()) where += " '" + id->get<std::string>() + "'";
    ObjectReader r(v, where, "", problems);
    p.id = r.text("id");
    if (!p.id.empty() && !is_platform_id(p.id)) r.problem("id", "must use only a-z, 0-9 and '-'");
    p.name = r.text("name");
    p.provider = r.text("provider");
    p.hardware = r.text("hardware");
    bool kind_ok = false;
    const std::string kind = r.text("kind");
    for (const NamedKind& k : kKinds) {
        if (k.name == kind) {
            p.kind = k.kind;
            kind_ok = true;
        }
    }
    if (!kind.empty() && !kind_ok) r.problem("kind", "must be one of " + names_of(kKinds));
    if (kind_ok) {
        read_price(r, p);
        read_billing(r, p);
    } else {
        for (const char* key : {"usd_per_hour", "usd_per_month", "watts", "usd_per_kwh", "billing"}) r.skip(key);
    }
    if (r.has("minimum_billed_s")) p.minimum_billed_s = r.number("minimum_billed_s", false);
    read_cold_start(r, p.cold_start, problems);
    p.price_source = r.text("price_source");
    p.price_date = r.date("price_date");
    read_rates(r, p, problems);
    r.text("notes", false);
    r.report_unknown();
    return p;
}

// Where an override lands in the catalog JSON, and the name it is recorded under.
struct OverrideTarget {
    std::vector<std::string> path;
    std::string recorded_as;
};

OverrideTarget override_target(const CatalogOverride& o) {
    OverrideTarget t;
    std::stringstream parts(o.field);
    for (std::string part; std::getline(parts, part, '.');) t.path.push_back(part);
    // A bare number for a rate means its value: "keys_per_second.eth=6e7".
    const bool rate = t.path.size() >= 2 && t.path[0] == "keys_per_second";
    if (rate && t.path.size() == 2 && o.value.is_number()) t.path.push_back("value");
    t.recorded_as = rate && t.path.size() == 3 && t.path[2] == "value" ? t.path[0] + "." + t.path[1] : o.field;
    return t;
}

// Applies `o` to the platform objects of `catalog`. Returns an error text, or "" on success.
std::string apply_override(json& catalog, const CatalogOverride& o,
                           std::map<std::string, std::vector<std::string>>& recorded) {
    const std::string name = "override '" + o.platform_id + "." + o.field + "'";
    if (!catalog.contains("platforms") || !catalog["platforms"].is_array())
        return name + ": the catalog has no platforms";
    json* platform = nullptr;
    std::string ids;
    for (json& p : catalog["platforms"]) {
        if (!p.is_object() || !p.contains("id") || !p["id"].is_string()) continue;
        ids += (ids.empty() ? "" : ", ") + p["id"].get<std::string>();
        if (p["id"] == o.platform_id) platform = &p;
    }
    if (!platform) return name + ": no platform '" + o.platform_id + "' in the catalog (there are: " + ids + ")";
    const OverrideTarget target = override_target(o);
    if (target.path.empty() || std::any_of(target.path.begin(), target.path.end(),
                                           [](const std::string& s) { return s.empty(); }))
        return name + ": the field must be a dotted path such as usd_per_hour or cold_start_s.p50";
    if (target.path[0] == "id") return name + ": a platform's id cannot be overridden";
    json* node = platform;
    for (std::size_t i = 0; i + 1 < target.path.size(); ++i) {
        json& next = (*node)[target.path[i]];
        if (next.is_null()) next = json::object();
        if (!next.is_object()) return name + ": " + target.path[i] + " is not an object";
        node = &next;
    }
    (*node)[target.path.back()] = o.value;
    recorded[o.platform_id].push_back(target.recorded_as);
    return {};
}

Result<PricingCatalog> read_catalog(const json& root, std::map<std::string, std::vector<std::string>> recorded) {
    Problems problems;
    if (!root.is_object()) return bad_input("the pricing catalog must be a JSON object");
    PricingCatalog catalog;
    ObjectReader r(root, "catalog", "", problems);
    if (const json* v = r.field("schema_version", true)) {
        if (!v->is_number_integer() || v->get<int>() != kCatalogSchemaVersion)
            r.problem("schema_version", "must be " + std::to_string(kCatalogSchemaVersion) +
                                            " (the version this VaniKeys reads)");
    }
    catalog.currency = r.text("currency");
    if (!catalog.currency.empty() && catalog.currency != "USD")
        r.problem("currency", "must be \"USD\" (the only currency VaniKeys computes in)");
    catalog.updated = r.date("updated");
    const json* platforms = r.field("platforms", true);
    if (platforms && (!platforms->is_array() || platforms->empty()))
        r.problem("platforms", "must be a non-empty list");
    else if (platforms) {
        std::map<std::string, std::size_t> first_index;
        for (std::size_t i = 0; i < platforms->size(); ++i) {
            Platform p = read_platform((*platforms)[i], i, problems);
            if (p.id.empty()) continue;
            auto [it, fresh] = first_index.emplace(p.id, i);
            if (!fresh)
                problems.add("platforms[" + std::to_string(i) + "] '" + p.id + "': id is already used by platforms[" +
                             std::to_string(it->second) + "]");
            p.overridden = recorded[p.id];
            catalog.platforms.push_back(std::move(p));
        }
    }
    r.report_unknown();
    if (!problems.empty()) return bad_input(problems.joined());
    return catalog;
}

} // namespace

std::string_view platform_kind_name(PlatformKind kind) {
    for (const NamedKind& k : kKinds)
        if (k.kind == kind) return k.name;
    return "?";
}

std::string_view billing_name(Billing billing) {
    for (const NamedBilling& b : kBillings)
        if (b.billing == billing) return b.name;
    return "?";
}

double billing_unit_seconds(Billing billing) {
    for (const NamedBilling& b : kBillings)
        if (b.billing == billing) return b.unit_seconds;
    return 1.0;
}

std::string_view rate_status_name(RateStatus status) {
    return status == RateStatus::Measured ? "measured" : "estimated";
}

bool Platform::is_overridden(std::string_view field) const {
    return std::find(overridden.begin(), overridden.end(), field) != overridden.end();
}

double Platform::effective_usd_per_hour() const {
    switch (kind) {
    case PlatformKind::Dedicated: return usd_per_month / (kSecondsPerMonth / 3600.0);
    case PlatformKind::OwnHardware: return watts / 1000.0 * usd_per_kwh;
    case PlatformKind::Serverless:
    case PlatformKind::Batch: break;
    }
    return usd_per_hour;
}

const Platform* PricingCatalog::find(std::string_view id) const {
    for (const Platform& p : platforms)
        if (p.id == id) return &p;
    return nullptr;
}

Result<CatalogOverride> parse_override(std::string_view text) {
    const auto eq = text.find('=');
    const auto dot = text.substr(0, eq).find('.');
    if (eq == std::string_view::npos || dot == std::string_view::npos || dot == 0 || dot + 1 == eq)
        return bad_input("override '" + std::string(text) +
                         "' must look like PLATFORM.FIELD=VALUE, e.g. modal-h100.usd_per_hour=2.1");
    CatalogOverride o;
    o.platform_id = std::string(text.substr(0, dot));
    o.field = std::string(text.substr(dot + 1, eq - dot - 1));
    const std::string value(text.substr(eq + 1));
    o.value = json::parse(value, nullptr, /*allow_exceptions=*/false);
    if (o.value.is_discarded()) o.value = value;
    return o;
}

Result<PricingCatalog> parse_catalog(std::string_view json_text, const std::vector<CatalogOverride>& overrides) {
    json root;
    try {
        root = json::parse(json_text);
    } catch (const json::parse_error& e) {
        return bad_input(std::string("the pricing catalog is not valid JSON: ") + e.what());
    }
    std::map<std::string, std::vector<std::string>> recorded;
    for (const CatalogOverride& o : overrides) {
        if (std::string problem = apply_override(root, o, recorded); !problem.empty()) return bad_input(problem);
    }
    return read_catalog(root, std::move(recorded));
}

Result<PricingCatalog> load_catalog_file(const std::string& path, const std::vector<CatalogOverride>& overrides) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return bad_input("cannot read the pricing catalog '" + path + "': " + std::strerror(errno));
    std::stringstream text;
    text << in.rdbuf();
    auto catalog = parse_catalog(text.str(), overrides);
    if (catalog) return catalog;
    std::string message;
    std::stringstream lines(catalog.error().message);
    for (std::string line; std::getline(lines, line);)
        message += (message.empty() ? "" : "\n") + path + ": " + line;
    return Error{catalog.error().code, message};
}

Result<PricingCatalog> builtin_catalog(const std::vector<CatalogOverride>& overrides) {
    return parse_catalog(builtin_catalog_json(), overrides);
}

} // namespace vanikeys::cost
