// Numbers people can read: "1 in 4.2 billion", "3 min 20 s", "2.1 million keys/s".
// Used by the CLI's human output and by the app, so both say the same thing the same way.
#pragma once

#include <string>

namespace vanikeys {

// 4200000000 -> "4.2 billion"; 950 -> "950"; 12345 -> "12,345"; beyond 10^15 -> "3.1e+18".
std::string human_count(double value);

// Probability as odds: 2.4e-10 -> "1 in 4.2 billion"; 0.5 -> "1 in 2"; 1 -> "certain";
// 0 -> "impossible".
std::string human_odds(double probability);

// Seconds as the two largest useful units: 200 -> "3 min 20 s"; 0.25 -> "0.25 s";
// 0.0031 -> "3.1 ms"; below a millisecond -> "< 1 ms";
// 90061 -> "1 day 1 h"; huge -> "3.2 million years"; infinity -> "never".
std::string human_duration(double seconds);

// A rate: 2.1e6 -> "2.1 million keys/s".
std::string human_rate(double keys_per_second);

// Percent with sensible digits: 0.5 -> "50 %", 0.0001234 -> "0.012 %".
std::string human_percent(double fraction);

// Money: 0.00793 -> "$0.0079", 24.5 -> "$24.50", 1234 -> "$1,234", below $0.0001 -> "< $0.0001".
std::string human_usd(double dollars);

} // namespace vanikeys
