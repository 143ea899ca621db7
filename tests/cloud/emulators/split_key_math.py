"""Independent checks of a worker's split-key hit, in Python integers (for the Python tests):
K must equal sign * lambda^endo * (Q + t*G), and the address must be K's did:key."""

import fake_worker as fw


def check_hit(q_hex, hit):
    partial = hit["partial"]
    t = int(partial["offset_hex"], 16)
    assert 0 < t < fw.N
    point = fw.point_add(fw.decompress(q_hex), fw.point_mul(t, fw.G))
    x, y = point
    for _ in range(partial["endo"]):
        x = x * fw.BETA % fw.P
    if partial["negate"]:
        y = (fw.P - y) % fw.P
    assert fw.compress((x, y)).hex() == hit["public_key_hex"]
    assert fw.did_key((x, y)) == hit["address"]
