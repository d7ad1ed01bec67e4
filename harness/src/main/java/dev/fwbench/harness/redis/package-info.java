/**
 * Redis as a local process ({@link dev.fwbench.harness.redis.RedisServer}) for the apps whose
 * production deployment needs one (Django Channels' layer), and the PING readiness check
 * both Redis flavours use.
 */
package dev.fwbench.harness.redis;
