-- The shared Tasklist filter "Tâches de mon service" is now "À traiter par mon service" (created at start-up by
-- IdentiteBootstrap). Remove the old one and its grants (resource type 5 = FILTER in Camunda's authorisations).
DELETE FROM act_ru_authorization
 WHERE resource_type_ = 5
   AND resource_id_ IN (SELECT id_ FROM act_ru_filter WHERE name_ = 'Tâches de mon service' AND owner_ IS NULL);
DELETE FROM act_ru_filter WHERE name_ = 'Tâches de mon service' AND owner_ IS NULL;
