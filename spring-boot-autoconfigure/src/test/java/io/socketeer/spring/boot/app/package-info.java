/** A WebFlux application with annotated Socket.IO controllers, for the tests. */
package io.socketeer.spring.boot.app;
