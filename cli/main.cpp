#include <cstdio>

int main() {
    std::puts("vanikeys-cli: commands arrive with the foundation issue");
    return 0;
}
