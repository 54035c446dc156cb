-- The default buying stages (as in the app's drizzle/0001_default_stages.sql), announced
-- in the change log so every device pulls them, and this hub's id.
INSERT INTO "stages" ("code", "position", "label_ja", "label_en") VALUES
  ('problem_identification', 1, '課題認識', 'Problem identification'),
  ('solution_exploration', 2, '解決策探索', 'Solution exploration'),
  ('requirements_building', 3, '要件定義', 'Requirements building'),
  ('supplier_selection', 4, '比較選定', 'Supplier selection'),
  ('validation_consensus', 5, '合意形成', 'Validation and consensus'),
  ('adoption', 6, '導入・活用', 'Adoption'),
  ('expansion', 7, '拡大', 'Expansion');
--> statement-breakpoint
INSERT INTO "change_log" ("seq", "kind", "entity_id", "territory")
  SELECT "position", 'stage', "code", NULL FROM "stages" ORDER BY "position";
--> statement-breakpoint
INSERT INTO "hub_meta" ("key", "value") VALUES ('hub_id', gen_random_uuid()::text);
