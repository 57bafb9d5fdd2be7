CREATE TABLE "config_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"n" integer DEFAULT 0 NOT NULL
);
