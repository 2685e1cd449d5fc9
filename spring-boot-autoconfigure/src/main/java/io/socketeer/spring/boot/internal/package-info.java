/**
 * Implementation of the Spring Boot integration: options from properties, the Reactor Netty hook, the
 * lifecycle, annotated handler invocation. Subject to change; not an API.
 */
package io.socketeer.spring.boot.internal;
