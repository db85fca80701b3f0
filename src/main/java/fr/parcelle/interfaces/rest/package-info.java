/**
 * The platform API under /api/v1 (JAX-RS): thin resources that validate, map and call one use case;
 * Jackson as the one JSON mapping; every error as RFC 9457 problem+json in French.
 */
package fr.parcelle.interfaces.rest;
