/** Who is calling: authenticated users, their roles, and the port that checks their credentials. */
package fr.parcelle.application.securite;
