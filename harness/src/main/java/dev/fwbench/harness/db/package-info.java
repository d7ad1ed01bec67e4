/**
 * PostgreSQL, the one server every target of a run shares: embedded
 * ({@link dev.fwbench.harness.db.EmbeddedPostgresServer}, zonky), the user's
 * ({@link dev.fwbench.harness.db.ExternalPostgresServer}), or a container
 * ({@code backend.containers.PostgresContainer}), all with
 * {@link dev.fwbench.harness.db.PostgresSettings}. {@link dev.fwbench.harness.db.ContractDatabase}
 * loads the contract's schema and seed once into a template and copies it for each target.
 */
package dev.fwbench.harness.db;
