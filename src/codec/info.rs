//! What the bundled codec libraries are and how libjpeg-turbo runs on this CPU (`pyrdicom info`).

use std::ffi::{c_char, CStr};

extern "C" {
    // libjpeg-turbo's CPUID probe (simd/x86_64/jsimdcpu.asm), the one its decoders consult;
    // global in the static library although not in the TurboJPEG header.
    #[cfg(target_arch = "x86_64")]
    fn jpeg_simd_cpu_support() -> u32;
    // CharLS's public version call (charls/version.h), not in charls-sys's bindings.
    fn charls_get_version_string() -> *const c_char;
}

/// libjpeg-turbo's version, read from the jconfig.h of its build (build.rs).
pub fn libjpeg_turbo_version() -> &'static str {
    env!("PYRDICOM_LIBJPEG_TURBO_VERSION")
}

/// OpenJPEG's version string as the library reports it.
pub fn openjpeg_version() -> String {
    // SAFETY: opj_version returns a pointer to a static NUL-terminated string.
    unsafe { CStr::from_ptr(openjpeg_sys::opj_version()) }
        .to_string_lossy()
        .into_owned()
}

/// CharLS's version string as the library reports it.
pub fn charls_version() -> String {
    // SAFETY: charls_get_version_string returns a pointer to a static NUL-terminated string.
    unsafe { CStr::from_ptr(charls_get_version_string()) }
        .to_string_lossy()
        .into_owned()
}

/// The SIMD instruction set libjpeg-turbo's decoders use in this process: the CPU's support as
/// its own probe finds it, narrowed by the JSIMD_FORCE* variables exactly as its init_simd does.
pub fn libjpeg_turbo_simd() -> &'static str {
    #[cfg(target_arch = "x86_64")]
    {
        const SSE2: u32 = 0x08;
        const AVX2: u32 = 0x80;
        let forced = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
        // SAFETY: a CPUID query without arguments or side effects.
        let mut support = unsafe { jpeg_simd_cpu_support() };
        if forced("JSIMD_FORCESSE2") {
            support &= SSE2;
        }
        if forced("JSIMD_FORCEAVX2") {
            support &= AVX2;
        }
        if forced("JSIMD_FORCENONE") {
            support = 0;
        }
        if support & AVX2 != 0 {
            "AVX2"
        } else if support & SSE2 != 0 {
            "SSE2"
        } else {
            "none"
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        "unknown"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_the_bundled_libraries() {
        assert!(libjpeg_turbo_version().starts_with("3."));
        assert!(openjpeg_version().starts_with("2."));
        assert!(charls_version().starts_with("2."));
        assert!(["AVX2", "SSE2", "none", "unknown"].contains(&libjpeg_turbo_simd()));
    }
}
