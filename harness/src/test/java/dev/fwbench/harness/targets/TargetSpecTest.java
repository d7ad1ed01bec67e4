package dev.fwbench.harness.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fwbench.harness.BenchException;

import org.junit.jupiter.api.Test;

/**
 * The variant a target runs when none is asked for depends on its profile (issue 13); the cache
 * and database access of issue 16's variants, and the bare baseline's limits.
 */
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

    private static TargetSpec data(Framework f, ArticleCache cache, DbAccess access) {
        return new TargetSpec(f, null, 0, 0, 0, Profile.PRODUCTION, null, Proxy.DEFAULT, 1, cache, access);
    }

    @Test
    void theBareBaselineFollowsNestJsStacks() {
        assertThat(spec(Framework.BARE, null, Profile.PRODUCTION).variant()).isEqualTo("express");
        assertThat(spec(Framework.BARE, null, Profile.TUNED).variant()).isEqualTo("fastify");
    }

    @Test
    void noCacheAndTheOrmUnlessAsked() {
        TargetSpec nest = spec(Framework.NESTJS, null, null);
        assertThat(nest.cache()).isEqualTo(ArticleCache.OFF);
        assertThat(nest.dbAccess()).isEqualTo(DbAccess.ORM);
        assertThat(spec(Framework.BARE, null, null).dbAccess()).as("the baseline has no ORM").isEqualTo(DbAccess.RAW);
        TargetSpec cached = data(Framework.DJANGO, ArticleCache.REDIS, DbAccess.RAW);
        assertThat(cached.withWorkers(3).cache()).isEqualTo(ArticleCache.REDIS);
        assertThat(cached.withPort(8080).dbAccess()).isEqualTo(DbAccess.RAW);
    }

    @Test
    void eachCacheAndDatabaseAccessHasItsOwnDatabase() {
        // side by side on one PostgreSQL (a raw target and its ORM reference in the conformance suite)
        assertThat(spec(Framework.NESTJS, null, null).databaseName()).isEqualTo("bench_nestjs_express");
        assertThat(data(Framework.NESTJS, ArticleCache.OFF, DbAccess.ORM).databaseName()).isEqualTo("bench_nestjs_express");
        assertThat(data(Framework.NESTJS, ArticleCache.REDIS, null).databaseName()).isEqualTo("bench_nestjs_express_redis");
        assertThat(data(Framework.DJANGO, ArticleCache.REDIS, DbAccess.RAW).databaseName())
                .isEqualTo("bench_django_gunicorn_raw_redis");
        assertThat(spec(Framework.BARE, null, null).databaseName()).isEqualTo("bench_bare_express");
    }

    @Test
    void theBareBaselineHasNeitherCacheNorOrm() {
        assertThatThrownBy(() -> data(Framework.BARE, ArticleCache.REDIS, null)).isInstanceOf(BenchException.class)
                .hasMessageContaining("no cache");
        assertThatThrownBy(() -> data(Framework.BARE, null, DbAccess.ORM)).isInstanceOf(BenchException.class)
                .hasMessageContaining("no ORM");
    }

    @Test
    void settingsParseAsTheAppsSpellThem() {
        assertThat(ArticleCache.parse(" Redis ")).isEqualTo(ArticleCache.REDIS);
        assertThat(ArticleCache.parse(null)).isEqualTo(ArticleCache.OFF);
        assertThat(DbAccess.parse("raw")).isEqualTo(DbAccess.RAW);
        assertThat(DbAccess.parse("")).as("none asked: the framework's default").isNull();
        assertThatThrownBy(() -> ArticleCache.parse("memcached")).hasMessage("unknown cache 'memcached': use off or redis");
        assertThatThrownBy(() -> DbAccess.parse("sqlalchemy")).hasMessage("unknown database access 'sqlalchemy': use orm or raw");
    }
}
