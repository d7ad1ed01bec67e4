/**
 * The containers backend (Testcontainers): app images built from each app's Dockerfile and
 * cached by content ({@link dev.fwbench.harness.backend.containers.AppImage}), PostgreSQL and
 * Redis containers, every container on the host network
 * ({@link dev.fwbench.harness.backend.containers.HostContainer}) with the target's cpuset and
 * memory limit, Docker's stats once a second
 * ({@link dev.fwbench.harness.backend.containers.ContainerStats}) into {@code resources/}, and
 * removal by label ({@link dev.fwbench.harness.backend.containers.DockerEngine}, also what
 * {@code bench clean} uses).
 */
package dev.fwbench.harness.backend.containers;
