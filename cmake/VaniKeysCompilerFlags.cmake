# Warnings and hardening for every target of ours (an INTERFACE target that they link).
add_library(vanikeys_flags INTERFACE)
target_compile_options(vanikeys_flags INTERFACE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wformat=2 -Wshadow -Wcast-qual
        -Wnon-virtual-dtor -fstack-protector-strong
        # GCC 12 reports std::string concatenation at -O3 as overlapping memcpy (GCC bug 105329).
        $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>>
    $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<BOOL:${VANIKEYS_WERROR}>>:-Werror>)
target_compile_definitions(vanikeys_flags INTERFACE
    $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>
    $<$<BOOL:${VANIKEYS_VERIFY}>:VANIKEYS_VERIFY>)
target_link_options(vanikeys_flags INTERFACE -Wl,-z,relro,-z,now)

if(VANIKEYS_SANITIZE)
    target_compile_options(vanikeys_flags INTERFACE
        $<$<COMPILE_LANGUAGE:CXX>:-fsanitize=${VANIKEYS_SANITIZE} -fno-omit-frame-pointer
            -fno-sanitize-recover=all>)
    target_link_options(vanikeys_flags INTERFACE -fsanitize=${VANIKEYS_SANITIZE})
endif()
