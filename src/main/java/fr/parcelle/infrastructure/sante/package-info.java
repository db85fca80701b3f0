/** MicroProfile Health checks: readiness covers the database and the process engine. */
package fr.parcelle.infrastructure.sante;
