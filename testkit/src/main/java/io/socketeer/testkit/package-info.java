/**
 * Test-only helpers shared by the modules' tests: leak checking, awaiting conditions with a deadline,
 * and running the real npm clients. Never a runtime dependency of a library module.
 */
package io.socketeer.testkit;
