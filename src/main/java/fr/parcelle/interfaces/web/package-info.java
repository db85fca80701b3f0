/**
 * What the platform serves to browsers outside the API: public pages and the container's error
 * answers.
 */
package fr.parcelle.interfaces.web;
