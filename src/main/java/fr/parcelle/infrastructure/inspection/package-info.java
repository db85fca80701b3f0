/** Document inspection with Apache Tika, configured once at start-up. */
package fr.parcelle.infrastructure.inspection;
