package dev.fwbench.harness.targets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The variant a target runs when none is asked for depends on its profile (issue 13). */
class TargetSpecTest {

    private static TargetSpec spec(Framework f, String variant, Profile profile) {
        return new TargetSpec(f, variant, 0, 0, 0, profile, null);
    }

    @Test
    void productionRunsEachFrameworksFirstVariant() {
        assertThat(spec(Framework.NESTJS, null, Profile.PRODUCTION).variant()).isEqualTo("express");
        assertThat(spec(Framework.DJANGO, null, Profile.PRODUCTION).variant()).isEqualTo("gunicorn");
        assertThat(spec(Framework.NESTJS, null, null).variant()).as("no profile is production").isEqualTo("express");
    }

    @Test
    void tunedRunsNestJsOnFastifyAndDjangoOnGunicorn() {
        assertThat(spec(Framework.NESTJS, null, Profile.TUNED).variant()).isEqualTo("fastify");
        assertThat(spec(Framework.DJANGO, null, Profile.TUNED).variant()).isEqualTo("gunicorn");
    }

    @Test
    void anAskedVariantWinsInEitherProfile() {
        assertThat(spec(Framework.NESTJS, "express", Profile.TUNED).variant()).isEqualTo("express");
        assertThat(spec(Framework.DJANGO, "uvicorn", Profile.TUNED).variant()).isEqualTo("uvicorn");
    }
}
