"""The address-book tables (advancedQuery type ADDRESSBOOK), as the document lists them."""
from __future__ import annotations

from .tabledef import table

T4YOU_GLOBAL_ADDRESSBOOK = table(
    "t4you_global_addressbook", ("uuid", "owner"),
    indexes=(("company_uuid",), ("surname",)),
    columns="""
owner char(100)
uuid varchar(100)
resource varchar(255)
backend_source varchar(100)
backend_config_name varchar(255)
uuid_source varchar(100)
source_origin_type enum
vcard_origin text
fullname text
data_source enum
surname text
name text
other_name text
customer_code varchar(255)
company text
department text
street text
city text
district text
cap text
country text
category text
note mediumtext
vip tinyint(1)
presence tinyint(1)
kind enum
accept_census tinyint(1)
img_retriver varchar(50)
img varchar(50)
site varchar(255)
role varchar(255)
groups text
persistent_interactions tinyint(1)
company_uuid_source varchar(100)
company_uuid varchar(100)
nota_agente text
nps int(11)
tel_value_1 varchar(255)
tel_type_1 enum
tel_value_2 varchar(255)
tel_type_2 enum
tel_value_3 varchar(255)
tel_type_3 enum
tel_value_4 varchar(255)
tel_type_4 enum
tel_value_5 varchar(255)
tel_type_5 enum
tel_value_6 varchar(255)
tel_type_6 enum
tel_value_7 varchar(255)
tel_type_7 enum
tel_value_8 varchar(255)
tel_type_8 enum
tel_value_9 varchar(255)
tel_type_9 enum
tel_value_10 varchar(255)
tel_type_10 enum
mail_value_1 varchar(255)
mail_type_1 enum
mail_value_2 varchar(255)
mail_type_2 enum
mail_value_3 varchar(255)
mail_type_3 enum
mail_value_4 varchar(255)
mail_type_4 enum
mail_value_5 varchar(255)
mail_type_5 enum
mail_value_6 varchar(255)
mail_type_6 enum
mail_value_7 varchar(255)
mail_type_7 enum
mail_value_8 varchar(255)
mail_type_8 enum
mail_value_9 varchar(255)
mail_type_9 enum
mail_value_10 varchar(255)
mail_type_10 enum
web_value_1 text
web_type_1 enum
web_value_2 text
web_type_2 enum
web_value_3 text
web_type_3 enum
custom_1 text
custom_2 text
custom_3 text
custom_4 text
custom_5 text
custom_6 text
custom_7 text
custom_8 text
custom_9 text
custom_10 text
""")

T4YOU_MULTICHANNEL_ADDRESSBOOK = table(
    "t4you_multichannel_addressbook", ("channel_id", "backend_config_name", "channel_data", "contact_uuid", "contact_owner"),
    indexes=(("contact_uuid",),),
    columns="""
channel_id int(11)
channel_data varchar(255)
contact_owner varchar(100)
contact_uuid varchar(100)
backend_config_name varchar(255)
created_time timestamp
to_delete tinyint(1)
""")

ADDRESSBOOK_TABLES = (T4YOU_GLOBAL_ADDRESSBOOK, T4YOU_MULTICHANNEL_ADDRESSBOOK,)
