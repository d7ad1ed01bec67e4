package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How {@link StatementParityConformanceTest} names a statement, on the texts both apps really send. */
class StatementDescriptionTest {

    @Test
    void kindAndTablesOfWhatTypeOrmAndDjangoSend() {
        assertThat(StatementParityConformanceTest.describe(
                "SELECT \"World\".\"id\" AS \"World_id\", \"World\".\"randomnumber\" AS \"World_randomnumber\" "
                        + "FROM \"world\" \"World\" WHERE ((\"World\".\"id\" = $1)) LIMIT 1")).isEqualTo("SELECT world");
        assertThat(StatementParityConformanceTest.describe(
                "SELECT \"world\".\"id\", \"world\".\"randomnumber\" FROM \"world\" WHERE \"world\".\"id\" = $1 LIMIT $2"))
                .isEqualTo("SELECT world");
        assertThat(StatementParityConformanceTest.describe(
                "UPDATE \"world\" SET \"randomnumber\" = CASE WHEN (\"world\".\"id\" = $1) THEN $2 ELSE NULL END "
                        + "WHERE \"world\".\"id\" IN ($3)")).isEqualTo("UPDATE world");
        assertThat(StatementParityConformanceTest.describe(
                "SELECT \"article\".\"id\" AS \"article_id\", \"author\".\"name\" AS \"author_name\" FROM \"article\" "
                        + "\"article\" INNER JOIN \"author\" \"author\" ON \"author\".\"id\"=\"article\".\"author_id\""))
                .isEqualTo("SELECT article+author");
        assertThat(StatementParityConformanceTest.describe("SELECT COUNT(*) AS \"__count\" FROM \"article\""))
                .isEqualTo("SELECT article");
    }

    @Test
    void aRowLockIsPartOfTheName() {
        // what the verifier counted as an update: a read with FOR UPDATE names world and "update"
        assertThat(StatementParityConformanceTest.describe(
                "SELECT \"world\".\"id\" FROM \"world\" WHERE \"world\".\"id\" = $1 LIMIT $2 FOR UPDATE"))
                .isEqualTo("SELECT world FOR UPDATE");
        assertThat(StatementParityConformanceTest.describe("BEGIN")).isEqualTo("BEGIN");
    }
}
