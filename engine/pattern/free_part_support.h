// Which symbols can occur where in a free part: the structure the encodings impose on every
// key (did:key's first free character lies in 'M'..'w', npub's last data character is 'q' or
// 's', p2pkh's length and first characters), used to reject patterns no key can match.
#pragma once

#include "engine/format/format_info.h"

namespace vanikeys {

// The symbols of `format` that occur at `position` (0-based) of a free part of exactly
// `free_length` characters, for some value of what the format encodes, modelled as the
// estimate does (SPEC §4): x uniform in [0, p) for didkey and npub, a uniform hash for eth,
// and for p2pkh the 192-bit number N = h160 || checksum uniform in [0, 2^192), whose free part
// is one '1' per leading zero byte of N followed by base58(N). Exact for that model (big-integer
// interval arithmetic, no sampling); npub's checksum characters and eth's case are taken as
// unconstrained. Returns 0 when `position` is outside [0, free_length) or the format never
// produces a free part of that length.
//   didkey (44): position 0 -> 'M'..'w' (base58 order); others -> every symbol.
//   npub (58):   position 51 (last data character) -> 'q' or 's'; others -> every symbol.
//   p2pkh:       33 characters -> position 0 in '1'..'Q'; 32 -> '1' or '6'..'z' (a '1' is a
//                leading zero byte of h160); 24-31 characters need such bytes and start with '1'.
//   eth (40):    every symbol everywhere.
SymbolSet free_position_support(KeyFormat format, int position, int free_length);

// Whether some key of `format` has a free part of `free_length` characters (the same model;
// p2pkh: from 24 to 33, almost always 32 or 33).
bool free_length_possible(KeyFormat format, int free_length);

}  // namespace vanikeys
