/** Ports: what the domain and the application need from the outside world, as interfaces only. */
package fr.parcelle.domain.port;
