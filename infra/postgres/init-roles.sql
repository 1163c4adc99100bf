-- The three roles Klachtpad expects (docs/adr/0002-tenant-isolation.md). Run once as a superuser.
-- Replace the passwords; the compose file passes them in through psql variables.
create role klachtpad_owner login password :'owner_password';
create role klachtpad_runtime nologin;
create role klachtpad_app login password :'app_password' in role klachtpad_runtime;
create database klachtpad owner klachtpad_owner;
